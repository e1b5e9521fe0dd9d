// Package cost prices one request of the items API, per million requests,
// for each route and each path (direct VTL integration or Lambda proxy).
//
// A request's price is the sum of what each service bills for it:
//
//   - API Gateway: one REST API request.
//   - Lambda (the /lambda path only): one request plus the duration, billed
//     per millisecond rounded up, times the configured memory in GB (MB/1024),
//     at the arm64 GB-second price.
//   - The Lambda REQUEST authorizer: invoked only on a cache miss, so its
//     request and duration (billed like any Lambda: per millisecond rounded
//     up, times its memory) are weighted by 1 - CacheHitRatio. A Scenario
//     may set the duration and ratio per route and path (Authorizers), as
//     measured there.
//   - DynamoDB on-demand: write request units of 1 KB each (item size rounded
//     up), read request units of 4 KB each (halved for eventually consistent
//     reads); a Scan is charged for the total size of the items it reads,
//     rounded up to 4 KB once.
//
// Prices are dated constants with their region and source (DefaultPrices),
// overridable from the environment (PricesFromEnv) or flags
// (Prices.RegisterFlags). The per-million prices leave free tiers, volume
// tiers, data transfer and storage out: they compare the two paths at the
// margin.
//
// A Traffic is a month of a user's own traffic (requests per route, item
// size, the functions' memory and duration, distinct callers per authorizer
// TTL); Traffic.Bill prices it on each deployment Option (this stack's REST
// API with the direct or the Lambda path, an HTTP API in front of the same
// function, a function URL), each with what it gives up (Option.GivesUp),
// with API Gateway's volume tiers and Lambda's free tier as opt-ins, and
// Traffic.BreakEven finds the function duration from which an option stops
// being cheaper than the direct path. Data transfer, storage and logs stay
// out of the bills.
package cost
