package bench

import "testing"

func TestTargetFromEnv(t *testing.T) {
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	if _, ok, err := TargetFromEnv(get); ok || err != nil {
		t.Fatalf("unset API_URL: ok=%v err=%v, want local mode", ok, err)
	}
	env[EnvAPIURL] = "https://abc.execute-api.us-east-1.amazonaws.com/prod/"
	if _, ok, err := TargetFromEnv(get); !ok || err == nil {
		t.Fatalf("API_URL without credentials: ok=%v err=%v, want an error", ok, err)
	}
	env[EnvAPIKey], env[EnvIDToken] = "k", "tok"
	tg, ok, err := TargetFromEnv(get)
	if !ok || err != nil {
		t.Fatalf("ok=%v err=%v", ok, err)
	}
	if tg.BaseURL != "https://abc.execute-api.us-east-1.amazonaws.com/prod" || tg.APIKey != "k" || tg.IDToken != "tok" {
		t.Errorf("target = %+v", tg)
	}
	env[EnvAPIURL] = "not a url"
	if _, _, err := TargetFromEnv(get); err == nil {
		t.Error("relative API_URL: want an error")
	}
}

func TestTargetFromCredentials(t *testing.T) {
	keys := map[string]string{"FreeTier": "free", "BasicUsagePlan": "basic"}
	tokens := map[string]string{"Group-FreeTier": "tf", "Group-BasicUsagePlan": "tb"}
	tg, err := TargetFromCredentials("http://127.0.0.1:1/prod", keys, tokens)
	if err != nil {
		t.Fatal(err)
	}
	if tg.APIKey != "basic" || tg.IDToken != "tb" {
		t.Errorf("want the preferred plan's key and token, got %+v", tg)
	}
	delete(tokens, "Group-BasicUsagePlan")
	if tg, err = TargetFromCredentials("http://127.0.0.1:1/prod", keys, tokens); err != nil || tg.APIKey != "free" || tg.IDToken != "tf" {
		t.Errorf("fallback: %+v, %v", tg, err)
	}
	if _, err := TargetFromCredentials("http://127.0.0.1:1/prod", keys, nil); err == nil {
		t.Error("no tokens: want an error")
	}
}
