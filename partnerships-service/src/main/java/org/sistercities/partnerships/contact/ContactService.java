package org.sistercities.partnerships.contact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.sistercities.partnerships.contact.ContactApi.ContactInput;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ContactService {

    /** Replaces a partnership's contacts with {@code inputs}, in the given order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Contact> replace(UUID partnershipId, List<ContactInput> inputs) {
        Contact.delete("partnershipId", partnershipId);
        List<Contact> contacts = new java.util.ArrayList<>();
        int position = 0;
        for (ContactInput input : inputs == null ? List.<ContactInput>of() : inputs) {
            Contact contact = new Contact();
            contact.id = UUID.randomUUID();
            contact.partnershipId = partnershipId;
            contact.role = input.role();
            contact.name = input.name();
            contact.email = input.email();
            contact.phone = input.phone();
            contact.position = position++;
            contact.persist();
            contacts.add(contact);
        }
        return contacts;
    }
}
