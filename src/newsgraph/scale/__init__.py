"""Scale-out: the same extraction over Ray Data, writing partitioned Parquet."""
