package localapi

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"apigwdirect/pkg/cognito"
	"apigwdirect/pkg/gateway"
	"apigwdirect/pkg/gateway/cfn"
	"apigwdirect/pkg/tokens"
)

// identity is the local stand-in for the template's Cognito user pool: a
// token issuer serving its JWKS, a verifier against it, and one ID token
// per group of the pool.
type identity struct {
	issuer   *tokens.Server
	cognito  *cognito.Verifier
	verifier gateway.TokenVerifier
	clientID string
	tokens   map[string]string
}

func startIdentity(ctx context.Context, tpl *cfn.Template, ttl time.Duration) (*identity, error) {
	poolID, clientID := "local_pool", "local-client"
	for _, p := range tpl.ByConstruct(UserPoolID, "AWS::Cognito::UserPool") {
		poolID = p.Ref
	}
	for _, c := range tpl.ByConstruct(UserPoolClientID, "AWS::Cognito::UserPoolClient") {
		clientID = c.Ref
	}
	srv, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: poolID, ClientID: clientID})
	if err != nil {
		return nil, fmt.Errorf("localapi: token issuer: %w", err)
	}
	id := &identity{issuer: srv, clientID: clientID, tokens: map[string]string{}}
	id.cognito, err = cognito.NewVerifier(ctx, cognito.Config{Issuer: srv.IssuerURL(), ClientID: clientID})
	if err != nil {
		_ = srv.Close()
		return nil, fmt.Errorf("localapi: token verifier: %w", err)
	}
	id.verifier = claimsVerifier{id.cognito}
	for _, g := range tpl.ByType("AWS::Cognito::UserPoolGroup") {
		group := g.String("GroupName")
		if group == "" {
			group = g.ConstructID()
		}
		user := "local-" + strings.ToLower(strings.TrimPrefix(group, "Group-"))
		tok, err := srv.MintID(tokens.User{Sub: user, Username: user, Email: user + "@example.com", Groups: []string{group}}, ttl)
		if err != nil {
			id.close()
			return nil, fmt.Errorf("localapi: mint token for %s: %w", group, err)
		}
		id.tokens[group] = tok
	}
	return id, nil
}

func (id *identity) close() error {
	id.cognito.Close()
	return id.issuer.Close()
}

// claimsVerifier adapts cognito.Verifier to the gateway: claims come back
// the way API Gateway's Cognito authorizer passes them on, as strings.
type claimsVerifier struct{ v *cognito.Verifier }

// javaDate is how API Gateway renders the exp and iat claims of Cognito
// tokens (auth_time stays epoch seconds, as a string).
const javaDate = "Mon Jan 02 15:04:05 MST 2006"

func (c claimsVerifier) Verify(ctx context.Context, token string) (map[string]any, error) {
	// token is what the gateway's Cognito user-pool authorizer took from
	// its identity source: the raw ID token, with a leading "Bearer "
	// already removed (pkg/gateway, userPoolToken, states the rule and its
	// evidence).
	if token == "" {
		return nil, errors.New("localapi: no token")
	}
	cl, err := c.v.Verify(ctx, token)
	if err != nil {
		return nil, fmt.Errorf("localapi: %w", err)
	}
	out := map[string]any{
		"sub": cl.Subject, "token_use": cl.TokenUse, "aud": cl.ClientID, "iss": cl.Issuer,
		"exp": cl.ExpiresAt.UTC().Format(javaDate), "iat": cl.IssuedAt.UTC().Format(javaDate),
	}
	if cl.Username != "" {
		out["cognito:username"] = cl.Username
	}
	if cl.Email != "" {
		out["email"] = cl.Email
	}
	if len(cl.Groups) > 0 {
		out["cognito:groups"] = strings.Join(cl.Groups, ",")
	}
	if !cl.AuthTime.IsZero() {
		out["auth_time"] = strconv.FormatInt(cl.AuthTime.Unix(), 10)
	}
	return out, nil
}
