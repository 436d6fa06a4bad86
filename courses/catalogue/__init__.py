"""The course catalogue: course pages, their vocabularies and the filtered listing."""
