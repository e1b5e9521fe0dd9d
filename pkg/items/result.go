package items

import (
	"errors"

	"github.com/aws/aws-lambda-go/events"

	"apigwdirect/pkg/mapping"
	"apigwdirect/pkg/store"
)

// Messages of the error bodies, shared with the direct path's templates.
const (
	MsgExists   = "Item already exists"
	MsgNotFound = "Item not found"
	MsgInternal = "Internal server error"
)

var (
	errNoTable = errors.New("items: no table: neither stage variable tableName nor a default table is set")
	errNoStore = errors.New("items: Config.Store is nil")
)

// result is what a route answers, plus the error to log.
type result struct {
	status int
	body   []byte
	err    error
}

func ok(status int, body []byte) result { return result{status: status, body: body} }

func fail(status int, msg string, err error) result {
	return result{status: status, body: mapping.ErrorBody(msg), err: err}
}

func internal(err error) result { return fail(500, MsgInternal, err) }

// fromError maps a mapping or store error to its answer.
func fromError(err error) result {
	if ie, ok := mapping.IsInputError(err); ok {
		return fail(400, ie.Message, err)
	}
	if msg, ok := store.InvalidMessage(err); ok {
		return fail(400, msg, err)
	}
	switch {
	case errors.Is(err, store.ErrExists):
		return fail(409, MsgExists, err)
	case errors.Is(err, store.ErrNotFound):
		return fail(404, MsgNotFound, err)
	}
	return internal(err)
}

// proxy converts the result to API Gateway's proxy response.
func (r result) proxy() events.APIGatewayProxyResponse {
	resp := events.APIGatewayProxyResponse{StatusCode: r.status}
	if r.body != nil {
		resp.Headers = map[string]string{"Content-Type": "application/json"}
		resp.Body = string(r.body)
	}
	return resp
}
