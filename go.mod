module github.com/reyn-cli/reyn

go 1.26.0

require (
	github.com/gofrs/flock v0.13.2 // indirect
	github.com/peterbourgon/ff/v4 v4.0.0-alpha.4 // indirect
	github.com/rogpeppe/go-internal v1.14.1 // indirect
	github.com/subosito/gotenv v1.6.0 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/sys v0.50.0 // indirect
	golang.org/x/term v0.48.0 // indirect
	golang.org/x/text v0.12.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)
