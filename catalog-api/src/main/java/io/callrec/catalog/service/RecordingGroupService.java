package io.callrec.catalog.service;

import io.callrec.catalog.domain.AuditAction;
import io.callrec.catalog.domain.RecordingGroup;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Admins assign devices and extensions to users; every change is audited. */
@ApplicationScoped
public class RecordingGroupService {
    private final AuditLog audit;

    public RecordingGroupService(AuditLog audit) {
        this.audit = audit;
    }

    public Uni<List<RecordingGroup>> all() {
        return Panache.withSession(() -> RecordingGroup.listAll(Sort.by("userName")));
    }

    /** The user's group, or null when an admin never gave them one. */
    public Uni<RecordingGroup> of(String user) {
        return Panache.withSession(() -> RecordingGroup.findById(user));
    }

    /** Creates or replaces the user's group; devices already normalised, both lists sorted and distinct. */
    public Uni<RecordingGroup> set(String user, List<String> devices, List<String> extensions, String actor) {
        return Panache.withTransaction(() -> RecordingGroup.<RecordingGroup>findById(user).chain(found -> {
            RecordingGroup group = found != null ? found : new RecordingGroup();
            group.userName = user;
            group.devices = devices.toArray(String[]::new);
            group.extensions = extensions.toArray(String[]::new);
            group.updatedAt = Instant.now();
            group.updatedBy = actor;
            return group.<RecordingGroup>persist()
                    .call(() -> audit.write(actor, AuditAction.SET_GROUP, null,
                            user + ": devices " + devices + ", extensions " + extensions));
        }));
    }

    /** Removes the user's group; removing one that does not exist changes nothing and is not audited. */
    public Uni<Void> delete(String user, String actor) {
        return Panache.withTransaction(() -> RecordingGroup.deleteById(user)
                .chain(deleted -> deleted ? audit.write(actor, AuditAction.DELETE_GROUP, null, user)
                        : Uni.createFrom().voidItem()));
    }
}
