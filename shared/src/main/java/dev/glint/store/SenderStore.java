package dev.glint.store;

import dev.glint.model.Sender;
import java.util.List;
import java.util.Optional;

/** Registered relay senders; an address belongs to at most one account. */
public interface SenderStore {
    /**
     * Registers or updates {@code sender}.
     *
     * @return false when the address is registered to another account (nothing changed)
     */
    boolean put(Sender sender);

    Optional<Sender> find(String address);

    /** The account's senders by address. */
    List<Sender> list(String accountId);

    /** Removes the account's registration of {@code address}; false when it had none. */
    boolean delete(String accountId, String address);
}
