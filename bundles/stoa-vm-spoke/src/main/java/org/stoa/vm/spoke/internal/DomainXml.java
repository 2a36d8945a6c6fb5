package org.stoa.vm.spoke.internal;

import org.stoa.vm.spoke.VmSpec;
import org.w3c.dom.Element;

/** The libvirt domain definition of one of our VMs. */
final class DomainXml {

    private DomainXml() {
    }

    /**
     * A KVM guest booting from its disk, with the seed as a second, read-only disk (a virtio
     * disk rather than a CD-ROM: cloud-init finds it by label, and it needs no IDE/SATA bus,
     * so it suits every machine type).
     */
    static String of(VmSpec spec, String pool, String network, VmVolumes volumes) {
        Xml xml = Xml.document("domain");
        Element domain = xml.root();
        domain.setAttribute("type", "kvm");
        xml.addText(domain, "name", spec.id());
        xml.add(domain, "memory", "unit", "MiB").setTextContent(Integer.toString(spec.memoryMb()));
        xml.addText(domain, "vcpu", Integer.toString(spec.vcpus()));
        Element os = xml.add(domain, "os");
        xml.addText(os, "type", "hvm");
        xml.add(os, "boot", "dev", "hd");
        // ACPI carries the power button that a graceful stop presses.
        Element features = xml.add(domain, "features");
        xml.add(features, "acpi");
        xml.add(features, "apic");
        xml.add(domain, "cpu", "mode", "host-passthrough");
        xml.addText(domain, "on_poweroff", "destroy");
        xml.addText(domain, "on_reboot", "restart");
        xml.addText(domain, "on_crash", "destroy");

        Element devices = xml.add(domain, "devices");
        disk(xml, devices, pool, volumes.disk(), "qcow2", "vda");
        Element seed = disk(xml, devices, pool, volumes.seed(), "raw", "vdb");
        xml.add(seed, "readonly");
        Element nic = xml.add(devices, "interface", "type", "network");
        xml.add(nic, "source", "network", network);
        xml.add(nic, "model", "type", "virtio");
        xml.add(devices, "serial", "type", "pty");
        xml.add(devices, "console", "type", "pty");
        return xml.toString();
    }

    private static Element disk(Xml xml, Element devices, String pool, String volume, String format, String target) {
        Element disk = xml.add(devices, "disk", "type", "volume", "device", "disk");
        xml.add(disk, "driver", "name", "qemu", "type", format);
        xml.add(disk, "source", "pool", pool, "volume", volume);
        xml.add(disk, "target", "dev", target, "bus", "virtio");
        return disk;
    }
}
