/** VM hosting, spoke side: this host's virtual machines, their specifications and states. */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.stoa.vm.spoke;
