import time

from django.db import connection


def query_count(get_response):
    """Tell the benchmark how many SQL queries and how much time a request took (headers)."""

    def middleware(request):
        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = get_response(request)
        response["X-Bench-Queries"] = str(queries)
        response["X-Bench-App-Ms"] = f"{(time.perf_counter() - started) * 1000:.2f}"
        return response

    return middleware
