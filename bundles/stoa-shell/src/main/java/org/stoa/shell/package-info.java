/**
 * What Stoa's shell commands share, whichever bundle they live in.
 */
@org.osgi.annotation.versioning.Version("0.6.0")
package org.stoa.shell;
