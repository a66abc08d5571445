package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AccessStores.existing opens a store without migrating")
class ExistingStoreTest {
  private static JdbcDataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  private static int tables(JdbcDataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE LOWER(TABLE_NAME) LIKE 'ag\\_%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  @DisplayName("refuses an empty database as not a store, and creates nothing in it")
  void emptyIsNotAStore() throws SQLException {
    JdbcDataSource ds = h2();

    assertThatThrownBy(() -> AccessStores.existing(ds))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("not an access-governance store");
    assertThat(tables(ds)).isZero();
  }

  @Test
  @DisplayName("opens a database the library migrated")
  void opensMigrated() throws SQLException {
    JdbcDataSource ds = h2();
    AccessStores.jdbc(ds).close();
    int before = tables(ds);

    try (JdbcAccessStore store = AccessStores.existing(ds)) {
      assertThat(store).isNotNull();
    }
    assertThat(tables(ds)).isEqualTo(before).isPositive();
  }
}
