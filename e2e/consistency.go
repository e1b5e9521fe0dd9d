package e2e

import (
	"testing"
	"time"
)

// DeployedReadRetry is how long TestDeployed lets a read wait for an
// earlier write. The API's reads are eventually consistent (GetItem and
// Scan without ConsistentRead, priced as such), so on AWS a read right
// after a write may miss it. DynamoDB's developer guide
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.ReadConsistency.html)
// warns that an eventually consistent read can return stale data and that
// a read repeated shortly after returns the latest; copies usually agree
// within a second, so ten seconds bounds the wait with a wide margin.
const DeployedReadRetry = 10 * time.Second

// readAfterWrite sends a read that must see an earlier write, until want
// accepts its answer or tg.ReadRetry has passed, waiting 100 ms, then twice
// as long each time, at most 1 s, between tries. It returns the last
// answer, which the caller checks. With a zero ReadRetry (dynalite, always
// consistent) it reads once, so the local suite proves that a read right
// after a write sees it there.
func (tg Target) readAfterWrite(t testing.TB, method, path string, header map[string]string, want func(Response) bool) Response {
	t.Helper()
	deadline := time.Now().Add(tg.ReadRetry)
	wait := 100 * time.Millisecond
	for {
		r := tg.do(t, method, path, nil, header)
		if want(r) || time.Now().Add(wait).After(deadline) {
			return r
		}
		time.Sleep(wait)
		wait = min(2*wait, time.Second)
	}
}

// status is a want for readAfterWrite: the answer has the given status.
func status(code int) func(Response) bool {
	return func(r Response) bool { return r.Status == code }
}

// item is a want for readAfterWrite: 200 and exactly the item body.
func item(t testing.TB, body []byte) func(Response) bool {
	return func(r Response) bool {
		return r.Status == 200 && sameJSON(r.JSON(t), decode(t, body))
	}
}
