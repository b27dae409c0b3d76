// The example's additions to Sesame's types (module augmentation, as an app would do it).
import "sesame";
import "sesame/jwt";

declare module "sesame" {
  interface User {
    role?: "admin" | "user";
  }
}

declare module "sesame/jwt" {
  interface JWT {
    role?: "admin" | "user";
  }
}
