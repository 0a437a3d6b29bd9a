package dev.portcullis.apikey;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A key store that can be changed, the same way for every store: the key file and the JDBC table.
 * {@link KeyLifecycle} builds create, rotate, expire, disable, enable and revoke on these three
 * operations. Every change is visible through {@link #findById} when the method returns, and the
 * listeners registered with {@link #onChange} have been told.
 */
public interface ManagedApiKeyStore extends ApiKeyStore {

  /**
   * Adds a key record, with its creation time set to now.
   *
   * @param record the record; its hash, never the key
   * @throws KeyStoreAccessException when the store cannot be written or the id exists already
   */
  void create(ApiKeyRecord record) throws KeyStoreAccessException;

  /**
   * Lists keys in the order of their ids, a page at a time.
   *
   * @param afterId list only ids greater than this one, or null from the start
   * @param limit the most keys returned, at least 1
   * @return the keys
   * @throws KeyStoreAccessException when the store cannot be read
   */
  List<KeyListing> list(String afterId, int limit) throws KeyStoreAccessException;

  /**
   * Changes one record under a lock or in one transaction, so two writers do not lose each other's
   * changes. The change must keep the id and the hash.
   *
   * @param id the key id
   * @param change from the current record to the new one
   * @return the new record, empty when there is no key with this id
   * @throws KeyStoreAccessException when the store cannot be read or written
   */
  Optional<ApiKeyRecord> update(String id, UnaryOperator<ApiKeyRecord> change)
      throws KeyStoreAccessException;
}
