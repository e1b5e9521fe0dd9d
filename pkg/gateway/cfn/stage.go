package cfn

import (
	"fmt"
	"sort"
	"strings"
)

// stageDecl is one stage the template declares for a REST API: an
// AWS::ApiGateway::Stage, or the stage a Deployment's StageName creates
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigateway-deployment.html:
// StageName and StageDescription, whose Variables are the stage's).
type stageDecl struct {
	api  *Resource
	name string
	vars map[string]string
	from *Resource
}

func (s stageDecl) label(several bool) string {
	if several {
		return s.api.LogicalID + "/" + s.name
	}
	return s.name
}

// stages lists the stages of every REST API of the template, a Stage
// resource first when a Deployment names the same stage.
func stages(t *Template, apis []*Resource) ([]stageDecl, error) {
	var out []stageDecl
	seen := map[string]bool{}
	add := func(api, from *Resource, nameProp string, vars any) error {
		if err := from.Err(nameProp); err != nil {
			return fmt.Errorf("stage: %w", err)
		}
		name := from.String(nameProp)
		if name == "" || seen[api.LogicalID+"/"+name] {
			return nil
		}
		seen[api.LogicalID+"/"+name] = true
		out = append(out, stageDecl{api: api, name: name, vars: stringMap(vars), from: from})
		return nil
	}
	for _, api := range apis {
		for _, r := range t.ByType("AWS::ApiGateway::Stage") {
			if str(r.Properties["RestApiId"]) == api.Ref {
				if err := add(api, r, "StageName", r.Properties["Variables"]); err != nil {
					return nil, err
				}
			}
		}
		for _, r := range t.ByType("AWS::ApiGateway::Deployment") {
			if str(r.Properties["RestApiId"]) == api.Ref {
				if err := add(api, r, "StageName", obj(r.Properties["StageDescription"])["Variables"]); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// pickStage is the stage to serve: the one named, or the only one.
func pickStage(all []stageDecl, name string) (stageDecl, error) {
	several := false
	for _, s := range all {
		several = several || s.api != all[0].api
	}
	var labels []string
	var match []stageDecl
	for _, s := range all {
		labels = append(labels, s.label(several))
		if name == "" || s.name == name || s.label(true) == name {
			match = append(match, s)
		}
	}
	sort.Strings(labels)
	switch {
	case len(all) == 0:
		return stageDecl{}, fmt.Errorf("the template declares no stage (an AWS::ApiGateway::Stage, or a Deployment's StageName)")
	case len(match) == 1:
		return match[0], nil
	case name == "":
		return stageDecl{}, fmt.Errorf("the template declares several stages (%s): name one", strings.Join(labels, ", "))
	case len(match) == 0:
		return stageDecl{}, fmt.Errorf("no stage %q in the template; it declares %s", name, strings.Join(labels, ", "))
	}
	return stageDecl{}, fmt.Errorf("stage %q is declared by several APIs; name it as API/stage among %s", name, strings.Join(labels, ", "))
}
