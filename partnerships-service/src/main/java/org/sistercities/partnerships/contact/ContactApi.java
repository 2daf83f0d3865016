package org.sistercities.partnerships.contact;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

public final class ContactApi {

    private ContactApi() {
    }

    public record ContactInput(
            @NotNull ContactRole role,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 40) String phone) {
    }

    public record ContactView(UUID id, ContactRole role, String name, String email, String phone) {

        public static ContactView of(Contact contact) {
            return new ContactView(contact.id, contact.role, contact.name, contact.email, contact.phone);
        }
    }
}
