"""One module per page kind: each turns a page type of the plan into flowables or a drawing."""
