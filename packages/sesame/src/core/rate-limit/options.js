export const DEFAULT_PER_IP = { max: 20, window: 60 };
export const DEFAULT_PER_IDENTIFIER = { max: 5, window: 300 };
