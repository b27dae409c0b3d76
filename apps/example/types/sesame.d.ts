// The example's additions to Sesame's types (module augmentation, as an app would do it).
import "sesame-auth";
import "sesame-auth/jwt";

declare module "sesame-auth" {
  interface User {
    role?: "admin" | "user";
  }
}

declare module "sesame-auth/jwt" {
  interface JWT {
    role?: "admin" | "user";
  }
}
