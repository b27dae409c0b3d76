import { h, page } from "./layout.js";
export function verifyRequestPage(props) {
    return page("Check your email", props.theme, h `<h1>Check your email</h1><p role="status">A sign-in link has been sent to your email address. It can be used once.</p><p>${props.host}</p>`);
}
