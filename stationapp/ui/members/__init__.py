"""The Member services tab (会员服务): membership and 京卡 cards, mutual-aid cover, welfare
rounds."""
