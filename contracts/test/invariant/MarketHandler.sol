// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AdMarket} from "../../src/AdMarket.sol";
import {HexToken} from "../../src/HexToken.sol";
import {IAdMarket} from "../../src/interfaces/IAdMarket.sol";

/// @dev Drives AdMarket through random advertiser, settler and claimant actions. Earnings go to two
/// accounts that split every epoch's total 2:1; a "skewed" epoch (a dishonest settler) swaps the split
/// to 1:2, so an account may see its cumulative amount fall after it claimed.
contract MarketHandler is Test {
    AdMarket public market;
    HexToken public token;
    address public settler;
    address[3] public advertisers = [address(0xA1), address(0xA2), address(0xA3)];
    address public constant EARNER_X = address(0xE1);
    address public constant EARNER_Y = address(0xE2);

    uint256 public ghostClaimed;
    /// @dev Whether the active root is a skewed one.
    bool public activeSkew;
    uint256 public ghostDeposited;

    constructor(AdMarket market_, HexToken token_, address settler_, address treasury) {
        market = market_;
        token = token_;
        settler = settler_;
        for (uint256 i; i < advertisers.length; ++i) {
            vm.prank(treasury);
            token.transfer(advertisers[i], 10_000_000e18);
            vm.prank(advertisers[i]);
            token.approve(address(market), type(uint256).max);
        }
    }

    function create(uint256 who, uint256 budget, uint256 cpc) external {
        cpc = bound(cpc, market.minCpc(), 10e18);
        budget = bound(budget, cpc, 100_000e18);
        uint64[] memory targets = new uint64[](1);
        targets[0] = 0x871fb4662ffffff;
        vm.prank(advertisers[who % 3]);
        market.createCampaign(
            budget, cpc, uint40(block.timestamp), uint40(block.timestamp + 3 days), "", targets
        );
        ghostDeposited += budget;
    }

    function topUp(uint256 id, uint256 amount) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        if (block.timestamp >= c.end) return;
        amount = bound(amount, 1, 10_000e18);
        vm.prank(c.advertiser);
        market.topUp(id, amount);
        ghostDeposited += amount;
    }

    function endEarly(uint256 id) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        if (block.timestamp >= c.end) return;
        vm.prank(c.advertiser);
        market.endCampaign(id);
    }

    /// @dev Settles a random spend increase (possibly an over-budget attempt, which must revert).
    function settle(uint256 id, uint256 increase, bool skew) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        uint256 cumulative = c.spent + bound(increase, 0, uint256(c.budget) - c.spent + 1e18);
        uint256 total = market.settledTotal() + cumulative - c.spent;
        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        uint256[] memory spend = new uint256[](1);
        spend[0] = cumulative;
        uint256 epochId = market.lastEpochId() + 1;
        bytes32 root = _root(total, skew);
        vm.prank(settler);
        try market.postEpoch(epochId, root, total, uint40(block.timestamp), ids, spend) {
            activeSkew = skew;
        } catch {}
    }

    function claim(bool x) external {
        uint256 total = market.settledTotal();
        bool skew = activeSkew;
        (uint256 cx, uint256 cy) = _shares(total, skew);
        address account = x ? EARNER_X : EARNER_Y;
        uint256 amount = x ? cx : cy;
        bytes32[] memory proof = new bytes32[](1);
        proof[0] = x ? _leaf(EARNER_Y, cy) : _leaf(EARNER_X, cx);
        uint256 already = market.claimed(account);
        if (amount <= already || market.activeRoot() != _root(total, skew)) return;
        // After a skewed root this may exceed the settled total and revert: that is the point.
        try market.claim(account, amount, proof) {
            ghostClaimed += amount - already;
        } catch {}
    }

    function withdraw(uint256 id) external {
        if (market.campaignCount() == 0) return;
        id = bound(id, 1, market.campaignCount());
        IAdMarket.Campaign memory c = market.getCampaign(id);
        if (c.withdrawn || block.timestamp < c.end || market.lastCutoff() < c.end) return;
        vm.prank(c.advertiser);
        market.withdrawUnspent(id);
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 2 days));
    }

    function _shares(uint256 total, bool skew) internal pure returns (uint256 cx, uint256 cy) {
        cy = total / 3;
        cx = total - cy;
        if (skew) (cx, cy) = (cy, cx);
    }

    function _root(uint256 total, bool skew) internal pure returns (bytes32) {
        (uint256 cx, uint256 cy) = _shares(total, skew);
        bytes32 a = _leaf(EARNER_X, cx);
        bytes32 b = _leaf(EARNER_Y, cy);
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _leaf(address account, uint256 amount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
    }
}
