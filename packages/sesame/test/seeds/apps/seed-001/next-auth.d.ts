// "首先需要扩展NextAuth.js的类型系统,在next-auth.d.ts中定义与后端令牌相关的接口", as written.
declare module "next-auth" {
  interface BackendJWT {
    access: string;
    refresh: string;
  }
  
  interface DecodedJWT {
    id: number;
    email: string;
    exp: number;
    // 其他声明字段
  }
  
  interface Session {
    user: UserObject;
    validity: {
      valid_until: number;
      refresh_until: number;
    };
  }
}

// (glue) the article uses `UserObject`, the token's `data` and the session's `error` without declaring them.
declare module "next-auth" {
  interface UserObject {
    id: number;
    email: string;
  }
  interface Session {
    error?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    data: {
      tokens: import("next-auth").BackendJWT;
      user: import("next-auth").UserObject;
      validity: { valid_until: number; refresh_until: number };
    };
    error?: string;
  }
}

export {};
