package io.callrec.catalog.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class AuditActionConverter implements AttributeConverter<AuditAction, String> {
    @Override
    public String convertToDatabaseColumn(AuditAction action) {
        return action == null ? null : action.wireName();
    }

    @Override
    public AuditAction convertToEntityAttribute(String name) {
        return name == null ? null : AuditAction.byWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown audit action in the database: " + name));
    }
}
