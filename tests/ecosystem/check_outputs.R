# Checks planlift's outputs in R (run by `make check-r`): the README's readr line keeps
# codes and ids as text, jsonlite reads the JSON with themes as lists, readxl reads the
# workbook with codes as text. Parquet needs the arrow package, which Debian does not
# package; where it is installed, the Parquet files are read too.
#
#   Rscript tests/ecosystem/check_outputs.R OUTPUT_FOLDER
args <- commandArgs(trailingOnly = TRUE)
out <- args[[1]]
failed <- 0
check <- function(name, ok, detail = "") {
  if (isTRUE(ok)) cat("ok    ", name, "\n", sep = "") else {
    cat("FAIL  ", name, ": ", detail, "\n", sep = "")
    failed <<- failed + 1
  }
}
suppressPackageStartupMessages({ library(readr); library(jsonlite); library(readxl) })
json <- fromJSON(file.path(out, "activities.json"), simplifyVector = FALSE)
want_code <- vapply(json, function(r) if (is.null(r$municipality_code)) NA_character_ else r$municipality_code, "")
want_id <- vapply(json, function(r) if (is.null(r$activity_id)) NA_character_ else r$activity_id, "")

text_cols <- cols(municipality_code = col_character(), activity_id = col_character(),
                  document_id = col_character(), goal_id = col_character(),
                  area_id = col_character(), period_label = col_character(), .default = col_guess())
csv <- read_csv(file.path(out, "activities.csv"), col_types = text_cols, progress = FALSE)
check(sprintf("readr::read_csv with col_types: %d rows", nrow(csv)), nrow(csv) == length(json))
check("readr: municipality_code as text (0880 stays 0880)", identical(csv$municipality_code, want_code),
      paste(head(setdiff(csv$municipality_code, want_code)), collapse = ", "))
check("readr: activity_id as text (1.10 stays 1.10)", identical(csv$activity_id, want_id),
      paste(head(setdiff(csv$activity_id, want_id)), collapse = ", "))
check("readr: period_start is a whole number", is.numeric(csv$period_start))

frame <- fromJSON(file.path(out, "activities.json"))
check("jsonlite: themes is a list column", is.list(frame$themes))
check("jsonlite: municipality_code as text", is.character(frame$municipality_code) && identical(frame$municipality_code, want_code))

book <- read_excel(file.path(out, "planlift.xlsx"), sheet = "activities")
check(sprintf("readxl: %d rows in the activities sheet", nrow(book)), nrow(book) == length(json))
check("readxl: municipality_code as text", identical(book$municipality_code, want_code))
check("readxl: activity_id as text", identical(book$activity_id, want_id))

if (requireNamespace("arrow", quietly = TRUE)) {
  pq <- arrow::read_parquet(file.path(out, "activities.parquet"))
  check("arrow::read_parquet: municipality_code as text", identical(pq$municipality_code, want_code))
} else {
  cat("skip  arrow::read_parquet: the arrow package is not installed\n")
}
cat(sprintf("R checks: %d failed\n", failed))
quit(status = if (failed > 0) 1 else 0)
