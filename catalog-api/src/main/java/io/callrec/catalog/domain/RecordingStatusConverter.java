package io.callrec.catalog.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a status by its wire name, which the SQL (indexes, retention) uses too. */
@Converter(autoApply = true)
public class RecordingStatusConverter implements AttributeConverter<RecordingStatus, String> {
    @Override
    public String convertToDatabaseColumn(RecordingStatus status) {
        return status == null ? null : status.wireName();
    }

    @Override
    public RecordingStatus convertToEntityAttribute(String name) {
        return name == null ? null : RecordingStatus.byWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown recording status in the database: " + name));
    }
}
