import { h, page } from "./layout.js";
export function signOutPage(props) {
    return page("Sign out", props.theme, h `<h1>Sign out</h1><p>Are you sure you want to sign out?</p>
<form method="post" action="${props.authBase}/signout"><input type="hidden" name="csrfToken" value="${props.csrfToken}"><input type="hidden" name="callbackUrl" value="${props.callbackUrl}"><button type="submit" autofocus>Sign out</button></form>`);
}
