package dev.glint.api;

import dev.glint.model.Sender;
import dev.glint.store.SenderStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SenderStore} in memory, with DynamoSenderStore's rule: an address belongs to one account. */
final class InMemorySenderStore implements SenderStore {
    private final Map<String, Sender> byAddress = new ConcurrentHashMap<>();

    @Override
    public boolean put(Sender sender) {
        Sender before = byAddress.get(sender.address());
        if (before != null && !before.accountId().equals(sender.accountId())) {
            return false;
        }
        byAddress.put(sender.address(), sender);
        return true;
    }

    @Override
    public Optional<Sender> find(String address) {
        return Optional.ofNullable(byAddress.get(Sender.normalize(address)));
    }

    @Override
    public List<Sender> list(String accountId) {
        return byAddress.values().stream().filter(s -> s.accountId().equals(accountId))
                .sorted(java.util.Comparator.comparing(Sender::address)).toList();
    }

    @Override
    public boolean delete(String accountId, String address) {
        Sender s = byAddress.get(Sender.normalize(address));
        return s != null && s.accountId().equals(accountId) && byAddress.remove(s.address(), s);
    }
}
