export { RootLayout as default } from "../../shared/profile";
