package org.stoa.vm.spoke.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Builds and reads the XML libvirt speaks, through the DOM: values are escaped by the
 * serializer, never pasted into markup.
 */
final class Xml {

    private final Document document;

    private Xml(Document document) {
        this.document = document;
    }

    /** A new document with this root element. */
    static Xml document(String root) {
        Document document = builder().newDocument();
        document.appendChild(document.createElement(root));
        return new Xml(document);
    }

    /** Parses what libvirt returned (it never holds a DOCTYPE; one is refused). */
    static Document parse(String xml) {
        try {
            return builder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("libvirt returned XML that does not parse: " + e.getMessage(), e);
        }
    }

    Element root() {
        return document.getDocumentElement();
    }

    /** Appends {@code <name a1="v1" …>} to {@code parent}; attributes come as name, value pairs. */
    Element add(Element parent, String name, String... attributes) {
        Element element = document.createElement(name);
        for (int i = 0; i < attributes.length; i += 2) {
            element.setAttribute(attributes[i], attributes[i + 1]);
        }
        parent.appendChild(element);
        return element;
    }

    /** Appends {@code <name>text</name>} to {@code parent}. */
    Element addText(Element parent, String name, String text) {
        Element element = add(parent, name);
        element.setTextContent(text);
        return element;
    }

    @Override
    public String toString() {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("could not serialize XML", e);
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no usable XML parser", e);
        }
    }
}
