/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WASM-backed packages stay outside the bundle and load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "bcryptjs", "pg-boss"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
