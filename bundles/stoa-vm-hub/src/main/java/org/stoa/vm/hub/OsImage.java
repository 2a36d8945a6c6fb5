package org.stoa.vm.hub;

/** An operating system a VM can be made from; deprecated images are kept for existing VMs only. */
public record OsImage(String id, String templateImageFileName, String description, boolean deprecated) {
}
