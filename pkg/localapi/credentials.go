package localapi

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Credentials are what a client needs to call the API: the stage URL, one
// API key value per usage plan and one ID token per Cognito group. The JSON
// form is the one cmd/localapi writes to .local/credentials.json.
type Credentials struct {
	APIURL  string            `json:"apiUrl"`
	APIKeys map[string]string `json:"apiKeys"` // usage plan name -> key value
	Tokens  map[string]string `json:"tokens"`  // group name -> ID token
}

// WriteFile writes the credentials as indented JSON, readable by the owner
// only, creating the directory if needed.
func (c Credentials) WriteFile(path string) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("localapi: encode credentials: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("localapi: credentials directory: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("localapi: write credentials: %w", err)
	}
	return nil
}

// ReadCredentials reads a file written by WriteFile.
func ReadCredentials(path string) (Credentials, error) {
	var c Credentials
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("localapi: read credentials: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("localapi: parse credentials %s: %w", path, err)
	}
	return c, nil
}
