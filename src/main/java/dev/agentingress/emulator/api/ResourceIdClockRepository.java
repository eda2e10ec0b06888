package dev.agentingress.emulator.api;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ResourceIdClockRepository extends JpaRepository<ResourceIdClock, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from ResourceIdClock c where c.prefix = :prefix")
    Optional<ResourceIdClock> lockByPrefix(@Param("prefix") String prefix);
}
