package org.sistercities.partnerships.community;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.sistercities.partnerships.community.CommunityApi.CommunityView;
import org.sistercities.partnerships.community.CommunityApi.NewCommunity;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.Page;
import org.sistercities.platform.web.TextSearch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class CommunityService {

    @Transactional(Transactional.TxType.MANDATORY)
    public Community create(NewCommunity request) {
        if (Community.count("name = ?1 and state = ?2 and kind = ?3", request.name(), request.state(), request.kind()) > 0) {
            throw DomainException.conflict("The community " + request.name() + ", " + request.state() + " is already registered");
        }
        Community community = new Community();
        community.id = UUID.randomUUID();
        community.name = request.name();
        community.kind = request.kind();
        community.state = request.state();
        community.fipsCode = request.fipsCode();
        community.gnisCode = request.gnisCode();
        // PostgreSQL keeps microseconds: truncate so that cursors built from this value match the stored one.
        community.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        community.persist();
        return community;
    }

    @Transactional
    public Page<CommunityView> list(String state, String text, String cursor, int limit) {
        StringBuilder query = new StringBuilder("from Community c where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (state != null) {
            query.append(" and c.state = :state");
            params.put("state", state);
        }
        if (TextSearch.given(text)) {
            query.append(" and ").append(TextSearch.condition("c.name", "text"));
            params.put("text", TextSearch.pattern(text));
        }
        Cursor.appendAfter(cursor, query, params, "c.createdAt", "c.id");
        query.append(" order by c.createdAt, c.id");
        List<Community> rows = Community.<Community>find(query.toString(), params).range(0, limit).list();
        return Page.of(rows, limit, CommunityView::of, c -> new Cursor(c.createdAt, c.id));
    }
}
