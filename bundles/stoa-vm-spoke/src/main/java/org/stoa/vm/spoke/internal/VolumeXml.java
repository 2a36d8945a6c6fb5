package org.stoa.vm.spoke.internal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** libvirt storage volume definitions, and what we read back from them. */
final class VolumeXml {

    private VolumeXml() {
    }

    /** A qcow2 volume that starts as the template and stores only what the VM changes. */
    static String copyOnWrite(String name, long capacityBytes, String templatePath, String templateFormat) {
        Xml xml = Xml.document("volume");
        Element volume = xml.root();
        xml.addText(volume, "name", name);
        xml.add(volume, "capacity", "unit", "bytes").setTextContent(Long.toString(capacityBytes));
        xml.add(xml.add(volume, "target"), "format", "type", "qcow2");
        Element backing = xml.add(volume, "backingStore");
        xml.addText(backing, "path", templatePath);
        xml.add(backing, "format", "type", templateFormat);
        return xml.toString();
    }

    /** A raw volume of exactly {@code sizeBytes}, to upload a file's bytes into. */
    static String raw(String name, long sizeBytes) {
        return sized(name, sizeBytes, "raw");
    }

    /** A volume of exactly {@code sizeBytes} in {@code format} (raw, qcow2), to upload an image into. */
    static String sized(String name, long sizeBytes, String format) {
        Xml xml = Xml.document("volume");
        Element volume = xml.root();
        xml.addText(volume, "name", name);
        xml.add(volume, "capacity", "unit", "bytes").setTextContent(Long.toString(sizeBytes));
        xml.add(xml.add(volume, "target"), "format", "type", format);
        return xml.toString();
    }

    /** The volume's format ({@code <target><format type=…>}); libvirt omits it for plain files, which are raw. */
    static String format(String volumeXml) {
        Document document = Xml.parse(volumeXml);
        NodeList targets = document.getDocumentElement().getElementsByTagName("target");
        if (targets.getLength() > 0) {
            NodeList formats = ((Element) targets.item(0)).getElementsByTagName("format");
            if (formats.getLength() > 0) {
                String type = ((Element) formats.item(0)).getAttribute("type");
                if (!type.isEmpty()) {
                    return type;
                }
            }
        }
        return "raw";
    }
}
