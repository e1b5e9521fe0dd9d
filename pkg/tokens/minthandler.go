package tokens

import (
	"encoding/json"
	"net/http"
	"time"
)

// MaxMintTTL caps the lifetime MintHandler grants.
const MaxMintTTL = 24 * time.Hour

// MintRequest is the JSON body MintHandler accepts. TTLSeconds defaults to
// one hour.
type MintRequest struct {
	Sub        string   `json:"sub"`
	Username   string   `json:"username,omitempty"`
	Email      string   `json:"email,omitempty"`
	Groups     []string `json:"groups,omitempty"`
	TTLSeconds int      `json:"ttlSeconds,omitempty"`
}

// MintResponse is MintHandler's answer, named like the AuthenticationResult
// of Cognito's InitiateAuth.
type MintResponse struct {
	IDToken     string `json:"IdToken"`
	AccessToken string `json:"AccessToken"`
	ExpiresIn   int    `json:"ExpiresIn"`
	TokenType   string `json:"TokenType"`
}

// MintHandler answers POST with a JSON MintRequest by minting an ID and an
// access token for that user. It is a development convenience (curl, the
// benchmarks): whoever can reach it can mint any identity, so mount it only
// on loopback servers. Bad JSON, a missing sub or a TTL outside
// (0, MaxMintTTL] give 400; other methods 405.
func (i *Issuer) MintHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var req MintRequest
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			http.Error(w, "body must be a JSON MintRequest", http.StatusBadRequest)
			return
		}
		ttl := time.Hour
		if req.TTLSeconds != 0 {
			ttl = time.Duration(req.TTLSeconds) * time.Second
		}
		if req.Sub == "" || ttl <= 0 || ttl > MaxMintTTL {
			http.Error(w, "sub is required and ttlSeconds must be in (0, 86400]", http.StatusBadRequest)
			return
		}
		u := User{Sub: req.Sub, Username: req.Username, Email: req.Email, Groups: req.Groups}
		id, err := i.MintID(u, ttl)
		if err != nil {
			http.Error(w, "mint failed", http.StatusInternalServerError)
			return
		}
		access, err := i.MintAccess(u, ttl)
		if err != nil {
			http.Error(w, "mint failed", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(MintResponse{IDToken: id, AccessToken: access, ExpiresIn: int(ttl / time.Second), TokenType: "Bearer"})
	})
}
