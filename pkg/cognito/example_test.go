package cognito_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"apigwdirect/pkg/cognito"
	"apigwdirect/pkg/tokens"
)

// Verify an ID token from the Authorization header of a request, against a
// local token issuer standing in for the user pool.
func Example() {
	ctx := context.Background()
	pool, err := tokens.Start(ctx, "127.0.0.1:0", tokens.Options{PoolID: "us-east-1_Example", ClientID: "app-client"})
	if err != nil {
		panic(err)
	}
	defer pool.Close()

	// In AWS: Issuer: cognito.IssuerURL(region, poolID).
	v, err := cognito.NewVerifier(ctx, cognito.Config{Issuer: pool.IssuerURL(), ClientID: "app-client"})
	if err != nil {
		panic(err)
	}
	defer v.Close()

	idToken, _ := pool.MintID(tokens.User{Sub: "user-1", Email: "user1@example.com", Groups: []string{"Group-FreeTier"}}, time.Hour)
	raw, err := cognito.BearerToken("Bearer " + idToken)
	if err != nil {
		panic(err)
	}
	claims, err := v.Verify(ctx, raw)
	if err != nil {
		panic(err)
	}
	fmt.Println(claims.Subject, claims.Email, claims.Groups)

	accessToken, _ := pool.MintAccess(tokens.User{Sub: "user-1"}, time.Hour)
	_, err = v.Verify(ctx, accessToken)
	fmt.Println(errors.Is(err, cognito.ErrInvalidToken), errors.Is(err, cognito.ErrWrongTokenUse))
	// Output:
	// user-1 user1@example.com [Group-FreeTier]
	// true true
}
