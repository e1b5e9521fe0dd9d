package vtl

import (
	"testing"
)

// benchCreateTemplate is a create-like request template: a DynamoDB PutItem
// body built from every property of the JSON request body.
const benchCreateTemplate = `#set($body = $input.path('$'))
{
  "TableName": "$stageVariables.tableName",
  "ConditionExpression": "attribute_not_exists(ID)",
  "Item": {
    "ID": {"S": "$context.requestId"}#foreach($key in $body.keySet()),
    "$util.escapeJavaScript($key)": {"S": "$util.escapeJavaScript($body.get($key))"}#end

  }
}
`

// benchCreateBody is a 5-property request body.
const benchCreateBody = `{"Name":"Ann \"Nan\" O'Neil","City":"Oslo","Email":"ann@example.com","Note":"line1\nline2","Team":"blue/green"}`

func benchCreateEnv() *Env {
	return &Env{
		Body:           benchCreateBody,
		StageVariables: map[string]string{"tableName": "Items"},
		Context:        map[string]any{"requestId": "c0a8e7e2-0d4f-4c5a-9b0e-3f1d2a7b6c5d", "stage": "prod"},
	}
}

// BenchmarkRenderCreate renders the create template with this engine. Besides
// ns/op (wall clock) it reports cpu-ns/op, the process CPU time per render
// including the garbage collector's, which is steadier on a busy machine.
func BenchmarkRenderCreate(b *testing.B) {
	tpl, err := Parse("create", benchCreateTemplate)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu0, cpuOK := processCPU()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tpl.Render(benchCreateEnv()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if cpu1, ok := processCPU(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// BenchmarkVelocityjsRenderCreate renders the same template with velocityjs
// (parse once, render many, as above) in one node process, which times the
// renders itself; its ns/op (wall clock) replaces the Go harness's, and
// cpu-ns/op is node's process CPU time per render.
func BenchmarkVelocityjsRenderCreate(b *testing.B) {
	env := benchCreateEnv()
	var resp struct {
		NsPerOp    float64 `json:"nsPerOp"`
		CPUNsPerOp float64 `json:"cpuNsPerOp"`
		Output     string  `json:"output"`
	}
	runVelocityjsRunner(b, map[string]any{
		"mode": "bench", "template": benchCreateTemplate, "body": env.Body, "n": 20000,
		"context": map[string]any{"stageVariables": env.StageVariables, "context": env.Context},
	}, &resp)
	tpl, err := Parse("create", benchCreateTemplate)
	if err != nil {
		b.Fatal(err)
	}
	goOut, err := tpl.Render(benchCreateEnv())
	if err != nil {
		b.Fatal(err)
	}
	if goOut != resp.Output {
		b.Fatalf("engines disagree on the benchmark template:\n go: %q\n js: %q", goOut, resp.Output)
	}
	b.ReportMetric(resp.NsPerOp, "ns/op")
	b.ReportMetric(resp.CPUNsPerOp, "cpu-ns/op")
}
