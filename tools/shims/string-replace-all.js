// Stands in for 'string.prototype.replaceall' in handler bundles. The cfn library calls it as
// replaceAll(string, search, replacement) to redact log lines; Node has had String.prototype.replaceAll since 15,
// and the package's polyfill machinery (es-abstract, get-intrinsic, ...) only costs load time on every cold start.
module.exports = (string, search, replacement) => String.prototype.replaceAll.call(string, search, replacement);
