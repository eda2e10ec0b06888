package bench.floor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Persistable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The framework's floor for bench/run.sh: one entity, one repository, H2 in memory, one row seeded at start-up, and
 * the least each benchmarked operation needs: GET by id returning a small JSON record; POST create storing a row
 * with a fresh ID (in creation order) and a unique domain (the one check a create cannot skip), answered 201 with
 * the record; and the reset bench/wrk/create.lua sends, which deletes the rows of the caller's Authorization value.
 * Nothing else (no auth, no filters, no journal, no validation, no index beyond the key, the unique domain and the
 * account the reset deletes by).
 */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true)
public class FloorApplication {

    static final String SEEDED_ID = "agin_floor0000000000000000000000";
    /**
     * IDs in the order they are made, as the emulator's are (KSUIDs): new keys go at the end of the indexes. Nineteen
     * digits from the start-up's millisecond on, so that their text sorts as their number.
     */
    static final AtomicLong NEXT_ID = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    @Bean
    ApplicationRunner seed(ItemRepository items) {
        return args -> items.save(new Item(SEEDED_ID, "seed", "floor.bench-test.com", "bench ingress",
                "{\"team\":\"bench\"}"));
    }

    @Entity
    @Table(indexes = @Index(columnList = "account"))
    public static class Item implements Persistable<String> {
        @Id
        String id;
        @Column(nullable = false)
        String account;
        @Column(nullable = false, unique = true)
        String domain;
        String description;
        String metadata;
        Instant createdAt;
        /** An assigned ID: without this, save would read the row first to tell an insert from an update. */
        @Transient
        boolean stored;

        protected Item() {
            stored = true;
        }

        Item(String id, String account, String domain, String description, String metadata) {
            this.id = id;
            this.account = account;
            this.domain = domain;
            this.description = description;
            this.metadata = metadata;
            this.createdAt = Instant.now();
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public boolean isNew() {
            return !stored;
        }
    }

    public interface ItemRepository extends JpaRepository<Item, String> {
        @Modifying
        @Transactional
        @Query("delete from FloorApplication$Item i where i.account = ?1")
        int deleteByAccount(String account);
    }

    public record ItemView(String id, String uri, String domain, String description, String metadata, Instant createdAt) {
        static ItemView of(Item i) {
            return new ItemView(i.id, "/agent_ingresses/" + i.id, i.domain, i.description, i.metadata, i.createdAt);
        }
    }

    public record ItemCreate(String domain, String description, String metadata) {}

    @RestController
    static class ItemController {
        private final ItemRepository items;

        ItemController(ItemRepository items) {
            this.items = items;
        }

        @GetMapping("/agent_ingresses/{id}")
        ResponseEntity<ItemView> get(@PathVariable String id) {
            return items.findById(id).map(i -> ResponseEntity.ok(ItemView.of(i)))
                    .orElseGet(() -> ResponseEntity.notFound().build());
        }

        @PostMapping("/agent_ingresses")
        ResponseEntity<ItemView> create(@RequestHeader("Authorization") String account,
                @RequestBody ItemCreate create) {
            Item item = items.save(new Item("agin_" + NEXT_ID.incrementAndGet(), account, create.domain(),
                    create.description(), create.metadata()));
            return ResponseEntity.created(URI.create("/agent_ingresses/" + item.id)).body(ItemView.of(item));
        }

        @PostMapping("/_emulator/reset")
        ResponseEntity<Void> reset(@RequestHeader("Authorization") String account) {
            items.deleteByAccount(account);
            return ResponseEntity.noContent().build();
        }
    }
}
