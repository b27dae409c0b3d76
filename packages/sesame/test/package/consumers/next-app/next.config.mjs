// Built once, in a directory thrown away afterwards: a build cache would be written for nothing.
export default { experimental: { turbopackFileSystemCacheForBuild: false } };
