package ddblimits

import "fmt"

// DynamoDB's limits and its messages for them. Evidence for the numbers:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Constraints.html
// (partition key 2048 bytes, sort key 1024 bytes, item 400 KB with 1 KB =
// 1024 bytes, "The maximum length of any expression string is 4 KB").
const (
	maxHashKeyBytes  = 2048
	maxRangeKeyBytes = 1024
	maxItemBytes     = 400 * 1024
	maxExprBytes     = 4096
)

// The messages, as DynamoDB words them. The key messages (note "of2048",
// without a space, in DynamoDB's own text) are those dynalite 4.0.0
// returns (node_modules/dynalite/db/index.js, checkKeySize) and moto
// asserts with the comment "deliberately no space"; the item messages are
// dynalite's for PutItem and UpdateItem. The expression message is the one
// a DynamoDB user quoted from AWS for a FilterExpression ("Invalid
// FilterExpression: Expression size has exceeded the maximum allowed size;
// expression size: 5872"), with the parameter's name in front.
const (
	hashKeyTooLong  = "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes"
	rangeKeyTooLong = "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
	itemTooLarge    = "Item size has exceeded the maximum allowed size"
	updateTooLarge  = "Item size to update has exceeded the maximum allowed size"
)

func exprTooLong(param string, size int) string {
	return fmt.Sprintf("Invalid %s: Expression size has exceeded the maximum allowed size; expression size: %d", param, size)
}
