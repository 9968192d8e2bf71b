/**
 * Messages that cross a queue between functions, and the ports that send them. Plain Java: the SQS
 * implementations and the JSON wire format live in {@code com.wispbill.adapters.messages}.
 *
 * <table>
 *   <caption>Who sends what</caption>
 *   <tr><th>message</th><th>queue</th><th>producers</th><th>consumer</th></tr>
 *   <tr><td>{@link com.wispbill.domain.routercommand.RouterCommandEnvelope}</td><td>router-commands.fifo</td>
 *       <td>voucher-generator, payment-webhook, usage-ingest, expiry-sweeper, reseller-api, reconcile</td><td>router-driver</td></tr>
 *   <tr><td>{@link UsageSample}</td><td>usage-samples</td><td>router poll</td><td>usage-ingest</td></tr>
 *   <tr><td>{@link SmsRequest}, {@link Alert}</td><td>notifications</td><td>payment-webhook, expiry-sweeper, alerts topic</td><td>notifier</td></tr>
 *   <tr><td>{@link VoucherBatchOrder}</td><td>voucher-batches</td><td>reseller-api</td><td>voucher-generator</td></tr>
 * </table>
 */
package com.wispbill.domain.messages;
