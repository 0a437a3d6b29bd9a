/**
 * Credits (usage quotas) per API key or per principal: a balance in a database table, debited by
 * one atomic statement per request so that any number of nodes together never spend more than the
 * balance. {@link dev.portcullis.quota.Credits} is what the application sees on the request; {@link
 * dev.portcullis.quota.QuotaStore} is where balances live ({@link
 * dev.portcullis.quota.JdbcQuotaStore}); {@link dev.portcullis.quota.QuotaSettings} holds the
 * filter's {@code quota.} settings; {@link dev.portcullis.quota.QuotaTool} shows and sets balances.
 * Depends on the SPI and {@code config} only.
 */
package dev.portcullis.quota;
