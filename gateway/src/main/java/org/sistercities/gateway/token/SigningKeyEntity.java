package org.sistercities.gateway.token;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "signing_key")
public class SigningKeyEntity extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String kid;

    /** PKCS#8, Base64. */
    @Column(name = "private_key", nullable = false)
    public String privateKey;

    /** X.509 SubjectPublicKeyInfo, Base64. */
    @Column(name = "public_key", nullable = false)
    public String publicKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "activates_at", nullable = false)
    public Instant activatesAt;

    @Column(name = "retires_at")
    public Instant retiresAt;
}
