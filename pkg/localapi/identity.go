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

// pool is the local stand-in for one Cognito user pool of the template:
// a token issuer serving its JWKS and a verifier against it.
type pool struct {
	// logicalID and constructID name the pool in the template; ref is its
	// local id (what Ref gives).
	logicalID, constructID, ref string
	issuer                      *tokens.Server
	cognito                     *cognito.Verifier
	groups                      []string
}

// identities are the template's user pools, in logical-id order.
type identities struct {
	pools []*pool
	// tokens are one ID token per group (the credentials file's tokens).
	tokens map[string]string
}

// startIdentities starts one token issuer per AWS::Cognito::UserPool, with
// the pool's first app client (by logical id) as audience, and mints one
// ID token per group of the pool (a user in that group), or, for a pool
// without groups, one for a user in no group. Tokens are keyed by group
// name, or by the pool's logical id for a pool without groups; with
// several pools, by "<pool logical id>/<group>".
func startIdentities(ctx context.Context, tpl *cfn.Template, ttl time.Duration) (_ *identities, err error) {
	ids := &identities{tokens: map[string]string{}}
	defer func() {
		if err != nil {
			_ = ids.close()
		}
	}()
	pools := tpl.ByType("AWS::Cognito::UserPool")
	for _, p := range pools {
		clientID := "local-client"
		for _, c := range tpl.ByType("AWS::Cognito::UserPoolClient") {
			if c.String("UserPoolId") == p.Ref {
				clientID = c.Ref
				break
			}
		}
		srv, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: p.Ref, ClientID: clientID})
		if err != nil {
			return nil, fmt.Errorf("token issuer of user pool %s: %w", p.LogicalID, err)
		}
		pl := &pool{logicalID: p.LogicalID, constructID: p.ConstructID(), ref: p.Ref, issuer: srv}
		ids.pools = append(ids.pools, pl)
		pl.cognito, err = cognito.NewVerifier(ctx, cognito.Config{Issuer: srv.IssuerURL(), ClientID: clientID})
		if err != nil {
			return nil, fmt.Errorf("token verifier of user pool %s: %w", p.LogicalID, err)
		}
		for _, g := range tpl.ByType("AWS::Cognito::UserPoolGroup") {
			if g.String("UserPoolId") != p.Ref {
				continue
			}
			group := g.String("GroupName")
			if group == "" {
				group = g.Ref
			}
			pl.groups = append(pl.groups, group)
		}
	}
	for _, pl := range ids.pools {
		prefix := ""
		if len(ids.pools) > 1 {
			prefix = pl.logicalID + "/"
		}
		if len(pl.groups) == 0 {
			tok, err := pl.issuer.MintID(tokens.User{Sub: "local-user", Username: "local-user", Email: "local-user@example.com"}, ttl)
			if err != nil {
				return nil, fmt.Errorf("mint a token of user pool %s: %w", pl.logicalID, err)
			}
			ids.tokens[pl.logicalID] = tok
			continue
		}
		for _, group := range pl.groups {
			user := "local-" + strings.ToLower(strings.TrimPrefix(group, "Group-"))
			tok, err := pl.issuer.MintID(tokens.User{Sub: user, Username: user, Email: user + "@example.com", Groups: []string{group}}, ttl)
			if err != nil {
				return nil, fmt.Errorf("mint a token for group %s: %w", group, err)
			}
			ids.tokens[prefix+group] = tok
		}
	}
	return ids, nil
}

// verifiers are the gateway's token verifiers, by pool construct id.
func (ids *identities) verifiers() map[string]gateway.TokenVerifier {
	out := map[string]gateway.TokenVerifier{}
	for _, p := range ids.pools {
		out[p.constructID] = claimsVerifier{p.cognito}
	}
	return out
}

// byRef is the pool whose local id is ref; with ref "" and exactly one
// pool, that pool; else nil.
func (ids *identities) byRef(ref string) *pool {
	for _, p := range ids.pools {
		if p.ref == ref {
			return p
		}
	}
	if ref == "" && len(ids.pools) == 1 {
		return ids.pools[0]
	}
	return nil
}

func (ids *identities) close() error {
	var errs []error
	for _, p := range ids.pools {
		if p.cognito != nil {
			p.cognito.Close()
		}
		if err := p.issuer.Close(); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
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
