/** Access tokens for event worlds: HS256 JWTs and the short login links that carry them. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.stoa.tokens;
