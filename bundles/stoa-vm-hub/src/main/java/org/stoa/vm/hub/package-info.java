/**
 * The capsul hub: accounts and their SSH keys, the VM catalog, spokes and their
 * heartbeats, operations sent to spokes and the VMs they made.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.stoa.vm.hub;
