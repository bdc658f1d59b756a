package io.callrec.gateway.sip.metadata;

import io.callrec.gateway.sip.message.HeaderValues;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads {@code application/rs-metadata+xml} (RFC 7865) in the variants recording clients send: the RFC namespace
 * or the older draft one, any prefix; participant ids in {@code participant_id} or {@code id}; streams sent named
 * by {@code <participantstreamassoc>} or by {@code <send>} inside {@code <participant>}; {@code <stream>} elements
 * that map stream ids to SDP labels, or none (then a sent reference is taken as the label itself). Participants
 * are tied to streams by label, never by position. Safe: no DTD, no external entities, bounded size.
 */
public final class RsMetadataParser {
    private static final Set<String> NAMESPACES = Set.of("urn:ietf:params:xml:ns:recording:1",
            "urn:ietf:params:xml:ns:recording");

    private final int maxBytes;

    public RsMetadataParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public RecordingMetadata parse(byte[] xml) throws MetadataException {
        if (xml == null || xml.length == 0) {
            return RecordingMetadata.NONE;
        }
        if (xml.length > maxBytes) {
            throw new MetadataException("metadata of " + xml.length + " bytes is over the limit of " + maxBytes);
        }
        Element root = document(xml).getDocumentElement();
        if (!"recording".equals(root.getLocalName()) || !NAMESPACES.contains(root.getNamespaceURI())) {
            throw new MetadataException("not a recording metadata document");
        }
        Map<String, Participant> participants = new LinkedHashMap<>();
        Map<String, List<String>> sentBy = new HashMap<>();
        Map<String, List<String>> receivedBy = new HashMap<>();
        for (Element participant : children(root, "participant")) {
            String id = id(participant, "participant_id");
            if (id == null) {
                continue;
            }
            participants.put(id, participant(id, participant));
            sentBy.computeIfAbsent(id, k -> new ArrayList<>()).addAll(texts(participant, "send"));
            receivedBy.computeIfAbsent(id, k -> new ArrayList<>()).addAll(texts(participant, "recv"));
        }
        for (Element assoc : children(root, "participantstreamassoc")) {
            String id = id(assoc, "participant_id");
            if (id != null) {
                sentBy.computeIfAbsent(id, k -> new ArrayList<>()).addAll(texts(assoc, "send"));
                receivedBy.computeIfAbsent(id, k -> new ArrayList<>()).addAll(texts(assoc, "recv"));
            }
        }
        Map<String, String> labelByStream = new HashMap<>();
        for (Element stream : children(root, "stream")) {
            String id = id(stream, "stream_id");
            String label = firstText(stream, "label");
            if (id != null && label != null) {
                labelByStream.put(id, label);
            }
        }
        return new RecordingMetadata(byLabel(participants, sentBy, labelByStream),
                byLabel(participants, receivedBy, labelByStream));
    }

    private static Map<String, Participant> byLabel(Map<String, Participant> participants,
                                                    Map<String, List<String>> streams,
                                                    Map<String, String> labelByStream) {
        Map<String, Participant> byLabel = new HashMap<>();
        streams.forEach((participantId, streamIds) -> {
            Participant participant = participants.get(participantId);
            if (participant == null) {
                return;
            }
            for (String stream : streamIds) {
                byLabel.putIfAbsent(labelByStream.getOrDefault(stream, stream), participant);
            }
        });
        return byLabel;
    }

    private static Participant participant(String id, Element participant) {
        String aor = null;
        String name = null;
        for (Element nameId : children(participant, "nameID")) {
            aor = nameId.hasAttribute("aor") ? nameId.getAttribute("aor") : aor;
            name = name != null ? name : firstText(nameId, "name");
        }
        aor = aor != null ? aor : firstText(participant, "aor");
        name = name != null ? name : firstText(participant, "name");
        String number = aor == null ? null : HeaderValues.user(aor.trim());
        return new Participant(id, number, name);
    }

    private static Document document(byte[] xml) throws MetadataException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // errors are thrown, not printed
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new MetadataException("metadata is not readable XML: " + e.getMessage());
        }
    }

    /** The id attribute under its RFC name or the older {@code id}; null when absent or blank. */
    private static String id(Element element, String name) {
        String value = element.hasAttribute(name) ? element.getAttribute(name) : element.getAttribute("id");
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> texts(Element parent, String localName) {
        List<String> texts = new ArrayList<>();
        for (Element child : children(parent, localName)) {
            String text = child.getTextContent().trim();
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return texts;
    }

    private static String firstText(Element parent, String localName) {
        List<String> texts = texts(parent, localName);
        return texts.isEmpty() ? null : texts.get(0);
    }
}
