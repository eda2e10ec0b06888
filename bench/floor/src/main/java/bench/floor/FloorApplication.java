package bench.floor;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The framework's floor for bench/run.sh: one entity, one repository, one GET by id returning a small JSON record,
 * H2 in memory, one row seeded at start-up. Nothing else (no auth, no filters, no journal, no validation).
 */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true)
public class FloorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    @Bean
    ApplicationRunner seed(ItemRepository items) {
        return args -> {
            Item item = new Item();
            item.id = "agin_floor0000000000000000000000";
            item.domain = "floor.bench-test.com";
            item.description = "bench ingress";
            item.metadata = "{\"team\":\"bench\"}";
            item.createdAt = Instant.now();
            items.save(item);
        };
    }

    @Entity
    public static class Item {
        @Id
        String id;
        String domain;
        String description;
        String metadata;
        Instant createdAt;
    }

    public interface ItemRepository extends JpaRepository<Item, String> {}

    public record ItemView(String id, String uri, String domain, String description, String metadata, Instant createdAt) {}

    @RestController
    static class ItemController {
        private final ItemRepository items;

        ItemController(ItemRepository items) {
            this.items = items;
        }

        @GetMapping("/agent_ingresses/{id}")
        ResponseEntity<ItemView> get(@PathVariable String id) {
            return items.findById(id)
                    .map(i -> ResponseEntity.ok(new ItemView(i.id, "/agent_ingresses/" + i.id, i.domain,
                            i.description, i.metadata, i.createdAt)))
                    .orElseGet(() -> ResponseEntity.notFound().build());
        }
    }
}
