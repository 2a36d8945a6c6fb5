/** Event worlds: worlds, rooms, users and the trait-based permissions that govern them. */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stoa.worlds;
